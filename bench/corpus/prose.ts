/**
 * Deterministic technical prose for tests and benchmarks: sentences of function words and
 * technical terms drawn with a Zipf distribution, so that common words ("service", "error",
 * "request") are common and specific ones rare, as in real notes. Readable it is not.
 */
import { prng } from '../../test/support/prng';

// Ordered from most to least frequent; the generator's Zipf ranks follow this order.
const TERMS = `
service error request server time file run user data test build change code system version
load update release process config value check issue fail deploy client network start query
database log page team call memory cache job queue message event api response user timeout
connection disk thread worker node cluster container image branch commit merge review
production staging environment metric alert monitor dashboard latency throughput cpu limit
retry backoff session token auth permission role account password certificate key secret
schema table index migration column row transaction lock replica backup restore snapshot
pipeline runner artifact dependency package library module plugin extension script command
option flag argument parameter variable default setting profile path directory folder
socket port host address domain proxy gateway balancer route endpoint handler middleware
frontend backend browser bundle asset style layout component render state store hook
report customer order payment invoice cart checkout price refund shipping inventory product
search result filter sort page scroll pagination export import upload download format
parser encoder decoder stream buffer chunk batch record field entry item list array map
pool exhausted leak spike outage incident postmortem rollback hotfix patch regression flaky
kafka postgres redis nginx docker kubernetes terraform ansible jenkins grafana prometheus
pod namespace ingress helm chart volume mount sidecar probe liveness readiness
502 503 504 404 500 oom sigterm segfault deadlock race contention starvation saturation
dns tls ssl http grpc websocket json yaml csv xml utf8 unicode timezone locale
cron schedule scheduler trigger webhook callback promise async await future
compile linker header binary debug trace profile flamegraph heap stack frame
feature experiment rollout canary flag cohort beta tracking analytics funnel
onboarding handover runbook oncall pager escalation retro planning estimate sprint
vendor contract license budget invoice audit compliance gdpr retention privacy
`
  .split(/\s+/)
  .filter(Boolean);

const FUNCTION_WORDS = 'the a of to in and is for on with that this it was when after before by from as at we our'.split(' ');
const TAGS = TERMS.slice(40, 400);

export interface ProseLesson {
  title: string;
  quote: string;
  note: string;
  tags: string[];
}

export class ProseGenerator {
  private readonly random: () => number;
  private readonly cumulative: Float64Array;

  constructor(seed = 1, exponent = 1) {
    this.random = prng(seed);
    this.cumulative = new Float64Array(TERMS.length);
    let sum = 0;
    for (let r = 0; r < TERMS.length; r++) this.cumulative[r] = sum += 1 / Math.pow(r + 1, exponent);
    for (let r = 0; r < TERMS.length; r++) this.cumulative[r] /= sum;
  }

  term(): string {
    const x = this.random();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return TERMS[lo];
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }

  words(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.random() < 0.4 ? this.pick(FUNCTION_WORDS) : this.term());
    return out.join(' ');
  }

  sentence(): string {
    const s = this.words(this.int(6, 18));
    return s[0].toUpperCase() + s.slice(1) + '.';
  }

  paragraph(sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence()).join(' ');
  }

  lesson(): ProseLesson {
    const title = this.words(this.int(3, 8));
    return {
      title: title[0].toUpperCase() + title.slice(1),
      quote: this.paragraph(this.int(1, 3)),
      note: this.paragraph(this.int(0, 2)),
      tags: Array.from({ length: this.int(0, 3) }, () => this.pick(TAGS)),
    };
  }
}
