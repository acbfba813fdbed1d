export { BarRecorder, toStored } from './bar-recorder.js';
export { alertsToCsv, barsToCsv, csvCell } from './csv.js';
export {
  HISTORY_DIR,
  StoredBarSchema,
  alertsFile,
  barsFile,
  parseFileName,
  type HistoryFile,
  type StoredBar,
} from './history-layout.js';
export { HistoryStore, type AlertQuery } from './history-store.js';
export { parseNdjson, toNdjson } from './ndjson.js';
