// Removes compiled node output so deleted sources never linger in dist/.
import { rmSync } from 'node:fs';
for (const dir of ['calendar', 'core', 'sim', 'cli', 'electron']) {
  rmSync(new URL(`../dist/${dir}`, import.meta.url), { recursive: true, force: true });
}
