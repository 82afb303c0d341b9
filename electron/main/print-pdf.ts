// "Save as PDF" for the console's daily report: the kiosk window's page, printed with its print CSS on A4.
import { BrowserWindow } from 'electron';

export async function printKioskPage(): Promise<Buffer> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('the kiosk window is not open');
  return window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
}
