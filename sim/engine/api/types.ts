// The router's wire types: a request as any HTTP front end can describe it, and a response
// it can write back unchanged. Header names are lower-case.

export interface SimRequest {
  readonly method: string;
  /** Path and query, e.g. '/v1/flow/zero-dte/hedge-flow/SPY?bar=1m'. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface SimResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}
