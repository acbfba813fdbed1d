import type { Result as BaseResult } from '../base/result.js';
import type { ErrorView } from './views.js';

export { err, ok } from '../base/result.js';

/**
 * Every IPC call answers with a value or an error, never a thrown exception: the one `Result`
 * of core/base, with the error the UI shows.
 */
export type Result<T, E = ErrorView> = BaseResult<T, E>;
