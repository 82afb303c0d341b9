// Exposes invoke and subscribe, nothing else; the page never sees ipcRenderer or any Electron API.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge.ts';

contextBridge.exposeInMainWorld('gateBridge', createIpcBridge(ipcRenderer));
