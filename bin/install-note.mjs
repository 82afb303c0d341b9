// After `npm install`: on a machine whose Node is older than the kiosk's, say once that the warnings were expected.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.log(`gate-kiosk: this machine has Node ${process.versions.node}; the install brought Node 22 (node_modules/node), which npm start, npm test and npx gate-kiosk use. The EBADENGINE warnings above are about the machine's Node and can be ignored.`);
}
