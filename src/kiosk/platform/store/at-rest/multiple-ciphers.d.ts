// better-sqlite3-multiple-ciphers is better-sqlite3 built with SQLite3 Multiple Ciphers: the same API. Its own typings
// are not reachable through its package.json "exports", so the kiosk uses better-sqlite3's.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export default Database;
}
