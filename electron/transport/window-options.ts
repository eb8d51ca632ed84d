// The renderer's webPreferences, as plain data so the security flags are
// unit-tested without Electron (main.ts passes them to BrowserWindow).

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  disableBlinkFeatures: 'Auxclick';
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    // The page gets window.janus and nothing else: no Node, no Electron, no ipcRenderer.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A file dropped on the window must not replace the workstation.
    navigateOnDragDrop: false,
    spellcheck: false,
    // A middle click must not open a link in a new window behind setWindowOpenHandler's back.
    disableBlinkFeatures: 'Auxclick',
  };
}
