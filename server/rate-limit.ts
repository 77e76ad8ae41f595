/**
 * What one token may spend: requests, pushed ops, and bytes (request bodies in, pull pages out).
 * Each is a token bucket: `…Burst` at once, refilled at `…PerMinute`.
 */
export interface RateLimit {
  /** Requests allowed at once. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
  opsBurst: number;
  opsPerMinute: number;
  bytesBurst: number;
  bytesPerMinute: number;
}

export interface Cost {
  requests?: number;
  ops?: number;
  bytes?: number;
}

type Dimension = keyof Cost;
const DIMENSIONS: { name: Dimension; burst: keyof RateLimit; perMinute: keyof RateLimit }[] = [
  { name: 'requests', burst: 'burst', perMinute: 'perMinute' },
  { name: 'ops', burst: 'opsBurst', perMinute: 'opsPerMinute' },
  { name: 'bytes', burst: 'bytesBurst', perMinute: 'bytesPerMinute' },
];

interface Bucket {
  level: Record<Dimension, number>;
  at: number;
}

/** Buckets unused this long are full again and are dropped, so the map does not grow with every token ever seen. */
const IDLE_MS = 10 * 60_000;

/**
 * Token buckets per key, in this process's memory: with several instances behind a load balancer
 * each one counts separately.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly limit: RateLimit) {}

  /**
   * Takes `cost` from the key's buckets when every one of them can pay it. 0 when the request may
   * go ahead (and was charged), else the seconds to wait before retrying (nothing charged).
   */
  take(key: string, cost: Cost, now = Date.now()): number {
    const bucket = this.refill(key, now);
    let wait = 0;
    for (const d of DIMENSIONS) {
      const want = cost[d.name] ?? 0;
      if (want <= 0 || bucket.level[d.name] >= want) continue;
      const perMs = this.limit[d.perMinute] / 60_000;
      // A cost above the burst could never be paid; it waits for a full bucket, and then goes ahead.
      const missing = Math.min(want, this.limit[d.burst]) - bucket.level[d.name];
      if (missing <= 0) continue;
      wait = Math.max(wait, perMs > 0 ? Math.ceil(missing / perMs / 1000) : 3600);
    }
    if (wait > 0) return Math.max(1, wait);
    for (const d of DIMENSIONS) bucket.level[d.name] -= cost[d.name] ?? 0;
    return 0;
  }

  /** Settles a cost known only afterwards (a negative cost refunds an estimate taken up front). */
  adjust(key: string, cost: Cost, now = Date.now()): void {
    const bucket = this.refill(key, now);
    for (const d of DIMENSIONS) bucket.level[d.name] = Math.min(this.limit[d.burst], bucket.level[d.name] - (cost[d.name] ?? 0));
  }

  private refill(key: string, now: number): Bucket {
    if (now - this.lastSweep > IDLE_MS) {
      this.lastSweep = now;
      for (const [k, b] of this.buckets) if (now - b.at > IDLE_MS) this.buckets.delete(k);
    }
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { level: { requests: this.limit.burst, ops: this.limit.opsBurst, bytes: this.limit.bytesBurst }, at: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at);
    for (const d of DIMENSIONS) {
      bucket.level[d.name] = Math.min(this.limit[d.burst], bucket.level[d.name] + (elapsed * this.limit[d.perMinute]) / 60_000);
    }
    bucket.at = now;
    return bucket;
  }
}
