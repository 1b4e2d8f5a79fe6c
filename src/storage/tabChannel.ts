/** The BroadcastChannel the app's tabs use to coordinate; cell code must never reach it. */
const TAB_CHANNEL = 'layerbook';

export type TabMessage =
  | { type: 'release-request'; notebookId: string; from: string }
  | { type: 'handing-over'; notebookId: string; to: string }
  | { type: 'saved'; notebookId: string; rev: number }
  | { type: 'deleted'; notebookId: string };

const TYPES = new Set<TabMessage['type']>(['release-request', 'handing-over', 'saved', 'deleted']);

const isTabMessage = (m: unknown): m is TabMessage =>
  typeof m === 'object' && m !== null && typeof (m as TabMessage).notebookId === 'string' && TYPES.has((m as TabMessage).type);

/** Opens the channel; returns a function that closes it. */
export function listenToTabs(onMessage: (m: TabMessage) => void): () => void {
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.onmessage = (e) => {
    if (isTabMessage(e.data)) onMessage(e.data);
  };
  return () => channel.close();
}

/** Tells the other tabs of this origin; not this one. */
export function tellTabs(message: TabMessage): void {
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.postMessage(message);
  channel.close();
}
