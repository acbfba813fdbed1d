export { BarRecorder, toStored } from './bar-recorder.js';
export { alertsToCsv, barsToCsv, csvCell } from './csv.js';
export { DayRecorder, type SettledDay } from './day-recorder.js';
export {
  DayRecordSchema,
  HISTORY_DIR,
  StoredBarSchema,
  alertsFile,
  barsFile,
  dayFile,
  parseFileName,
  type DayRecord,
  type HistoryFile,
  type StoredBar,
} from './history-layout.js';
export { HistoryStore, type AlertQuery } from './history-store.js';
export { parseNdjson, toNdjson } from './ndjson.js';
