// The sandboxed preload (built as CommonJS; a sandboxed preload may only require 'electron').
// It exposes window.triage: one named function per contract channel plus on(event, listener).
// Deliberately absent: a generic invoke, ipcRenderer itself, process, and the IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { channels, EVENT_CHANNEL, eventNames, IPC_PREFIX } from './channels';
import { buildTriageApi } from './triage-api';

const { api, deliver } = buildTriageApi(channels, eventNames, (channel, input) => ipcRenderer.invoke(IPC_PREFIX + channel, input));

// The IPC event object stays here: listeners get the payload and nothing else.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => deliver(name, payload));

contextBridge.exposeInMainWorld('triage', api);
