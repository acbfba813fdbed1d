// Launch at login (settings.launchAtLogin). macOS and Windows: Electron's login items. Linux has
// no such API in Electron, so: an XDG autostart entry (~/.config/autostart/hedgeflow.desktop)
// pointing at the AppImage (its mount path changes every run) or the installed binary.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../core/base/error-message.js';
import type { Logger } from '../core/ports/logger.js';

const AUTOSTART_FILE = 'hedgeflow.desktop';

/** Quotes an Exec argument per the Desktop Entry Specification when it needs it. */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=HedgeFlow',
    'Comment=Dealer hedge-flow sparklines and gamma-squeeze alerts',
    `Exec=${quoteExecArg(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function autostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(config, 'autostart');
}

export interface LaunchAtLoginDeps {
  readonly platform: NodeJS.Platform;
  /** Registering an unpackaged run would start a bare Electron at login: never do that. */
  readonly isPackaged: boolean;
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  readonly getLoginItem: () => boolean;
  readonly setLoginItem: (openAtLogin: boolean) => void;
  readonly logger: Logger;
}

/** Applies the setting; a no-op when the system already agrees. */
export async function applyLaunchAtLogin(enabled: boolean, deps: LaunchAtLoginDeps): Promise<void> {
  if (!deps.isPackaged) {
    if (enabled) deps.logger.info('launch at login: only applies to the installed app');
    return;
  }
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    if (deps.getLoginItem() !== enabled) deps.setLoginItem(enabled);
    return;
  }
  const file = path.join(autostartDir(deps.env, deps.home), AUTOSTART_FILE);
  try {
    if (enabled) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(deps.env.APPIMAGE ?? deps.execPath), 'utf8');
    } else {
      await rm(file, { force: true });
    }
  } catch (error) {
    deps.logger.warn('launch at login: could not update the autostart entry', {
      error: messageOf(error),
    });
  }
}
