// Which view the popover shows. Detail always names a symbol; Settings may open at a section
// (the key, when an error says the key is wrong).
import type { PopoverView } from '../../core/contract/index.js';

export const VIEWS = ['rows', 'detail', 'alerts', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];

export type SettingsSection = 'key' | 'symbols' | 'data' | 'detector' | 'notifications' | 'app';

export class Navigation {
  view = $state<ViewName>('rows');
  /** The symbol Detail shows; kept when leaving Detail so the tab can return to it. */
  symbol = $state<string | null>(null);
  /** The Settings section to scroll to and focus once, then cleared by that section. */
  section = $state<SettingsSection | null>(null);

  showRows(): void {
    this.view = 'rows';
  }

  showDetail(symbol: string): void {
    this.symbol = symbol;
    this.view = 'detail';
  }

  showAlerts(): void {
    this.view = 'alerts';
  }

  showSettings(section: SettingsSection | null = null): void {
    this.section = section;
    this.view = 'settings';
  }

  /** A view main asked for (the tray menu). */
  show(view: PopoverView): void {
    switch (view) {
      case 'rows':
        return this.showRows();
      case 'alerts':
        return this.showAlerts();
      case 'settings':
        return this.showSettings();
    }
  }
}
