export interface RateLimit {
  /** Requests allowed at once. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key, in this process's memory: with several instances behind a load balancer
 * each one counts separately.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly limit: RateLimit) {
    this.perMs = limit.perMinute / 60_000;
  }

  /** 0 when the request may go ahead, else the seconds to wait before retrying. */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}
