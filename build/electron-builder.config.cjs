// electron-builder configuration. It cannot run on the build machines here (no Electron binary can be downloaded);
// test/electron/packaging.test.ts keeps it valid. Build a kiosk with `npm run dist` on a machine that can.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.gatekiosk.kiosk',
  productName: 'Gate Kiosk',
  directories: { output: 'dist/packages', buildResources: 'resources' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  extraMetadata: { main: 'dist/electron/main.js' },
  // N-API prebuilds serve Node and Electron alike: no rebuild, and native modules live outside the asar.
  npmRebuild: false,
  nodeGypRebuild: false,
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**', '**/node_modules/better-sqlite3-multiple-ciphers/**', '**/node_modules/@serialport/**', '**/node_modules/node-hid/**', '**/*.node'],
  extraResources: [{ from: 'resources/udev', to: 'udev' }],
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    maintainer: 'Gate Kiosk maintainers',
  },
  deb: {
    depends: ['libudev1', 'libusb-1.0-0'],
    // Installs the udev rules so the scanner and thermometer are readable without root.
    afterInstall: 'build/deb-after-install.sh',
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: false },
};
