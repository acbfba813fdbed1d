// Which IPC senders may call the core: the main frame of a window this process created, showing
// our own page. Structural, so the rejection paths are tested without Electron.
import { isOwnPageUrl } from './security-policy.js';

/** The parts of an IpcMainInvokeEvent the check reads. */
interface IpcSenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

function isSenderLike(value: unknown): value is IpcSenderLike {
  if (typeof value !== 'object' || value === null) return false;
  const { sender } = value as { sender?: unknown };
  return (
    typeof sender === 'object' &&
    sender !== null &&
    typeof (sender as { id?: unknown }).id === 'number' &&
    'senderFrame' in value
  );
}

/**
 * `isOwnWebContents` answers whether a webContents id belongs to a window this process made.
 * A subframe, a frame that navigated away (Electron then reports `senderFrame` null) or any
 * other page is refused.
 */
export function createSenderCheck(
  isOwnWebContents: (webContentsId: number) => boolean,
): (sender: unknown) => boolean {
  return (sender) => {
    if (!isSenderLike(sender)) return false;
    try {
      const frame = sender.senderFrame;
      if (frame === null || frame.parent !== null) return false;
      return isOwnWebContents(sender.sender.id) && isOwnPageUrl(frame.url);
    } catch {
      // A frame disposed mid-call throws on property access: not a sender we can trust.
      return false;
    }
  };
}
