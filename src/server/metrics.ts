// /metrics in the Prometheus text format (prom-client, one registry per app so that several apps in one process,
// as in the tests, keep separate counts): GraphQL requests and their latency by operation name and type, errors
// by code, HTTP responses by route and status, database calls and their durations by mode and outcome, whether
// the database is reachable, and the process's own metrics.
// Operation names come from clients, so they are checked (a GraphQL name, at most 64 characters) and capped at
// MAX_OPERATION_NAMES distinct values; the rest count as "other".
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DbObserver } from '../db/driver.js';

export const MAX_OPERATION_NAMES = 200;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  readonly graphqlRequests: Counter<'operation' | 'type'>;
  readonly graphqlDuration: Histogram<'operation' | 'type'>;
  readonly graphqlErrors: Counter<'code'>;
  readonly httpResponses: Counter<'route' | 'status'>;
  readonly dbCalls: Counter<'mode' | 'outcome'>;
  readonly dbDuration: Histogram<'mode'>;
  readonly dbUp: Gauge;
  readonly inFlight: Gauge;

  constructor() {
    const registers = [this.registry];
    this.graphqlRequests = new Counter({
      name: 'techgraph_graphql_requests_total',
      help: 'GraphQL operations executed, by operation name and type.',
      labelNames: ['operation', 'type'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'techgraph_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response.',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'techgraph_graphql_errors_total',
      help: 'Errors returned to clients, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.httpResponses = new Counter({
      name: 'techgraph_http_responses_total',
      help: 'HTTP responses, by route and status.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.dbCalls = new Counter({
      name: 'techgraph_db_calls_total',
      help: 'Database round trips, by access mode and outcome (ok, error, unavailable).',
      labelNames: ['mode', 'outcome'],
      registers,
    });
    this.dbDuration = new Histogram({
      name: 'techgraph_db_call_duration_seconds',
      help: 'Duration of database round trips (a managed transaction each).',
      labelNames: ['mode'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.dbUp = new Gauge({
      name: 'techgraph_db_up',
      help: '1 while the database is reachable, 0 after a call found it unreachable.',
      registers,
    });
    this.dbUp.set(1);
    this.inFlight = new Gauge({
      name: 'techgraph_http_requests_in_flight',
      help: 'HTTP requests being handled.',
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'techgraph_' });
  }

  /** A label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }

  dbObserver(isUnavailable: (e: unknown) => boolean): DbObserver {
    return {
      call: (mode, seconds, error) => {
        this.dbCalls.inc({
          mode,
          outcome: error === undefined ? 'ok' : isUnavailable(error) ? 'unavailable' : 'error',
        });
        this.dbDuration.observe({ mode }, seconds);
      },
      availability: (up) => this.dbUp.set(up ? 1 : 0),
    };
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
