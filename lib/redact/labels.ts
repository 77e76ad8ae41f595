/**
 * How a finding is named. Gitleaks' rule ids are stable and documented, so they are the kinds,
 * except for the famous formats, whose several gitleaks rules share one plain kind.
 */
const KIND_OF_RULE: Record<string, string> = {
  'aws-access-token': 'aws-access-key',
  'github-pat': 'github-token',
  'github-fine-grained-pat': 'github-token',
  'github-oauth': 'github-token',
  'github-app-token': 'github-token',
  'github-refresh-token': 'github-token',
};

export function kindOfRule(ruleId: string): string {
  return KIND_OF_RULE[ruleId] ?? ruleId;
}

const LABELS: Record<string, string> = {
  'aws-access-key': 'AWS access key',
  'github-token': 'GitHub token',
  'private-key': 'private key',
  jwt: 'JSON web token',
  'jwt-base64': 'JSON web token',
  'generic-api-key': 'secret value',
  'password-in-url': 'password in a URL',
  'connection-string': 'password in a connection string',
  'password-assignment': 'password',
  'bearer-token': 'access token',
  'azure-sas-token': 'Azure shared access signature',
  'docker-hub-token': 'Docker Hub token',
  'discord-webhook-url': 'Discord webhook URL',
  email: 'email address',
  phone: 'phone number',
};

/** Words spelled as their owners spell them when a label is made from a rule id. */
const WORDS: Record<string, string> = {
  '1password': '1Password', api: 'API', aws: 'AWS', gcp: 'GCP', jwt: 'JWT', pat: 'token', ssh: 'SSH',
  github: 'GitHub', gitlab: 'GitLab', npm: 'npm', pypi: 'PyPI', sendgrid: 'SendGrid', sendinblue: 'Sendinblue',
  hashicorp: 'HashiCorp', openai: 'OpenAI', huggingface: 'Hugging Face', digitalocean: 'DigitalOcean',
  mailchimp: 'Mailchimp', mailgun: 'Mailgun', newrelic: 'New Relic', pagerduty: 'PagerDuty',
  planetscale: 'PlanetScale', pulumi: 'Pulumi', rubygems: 'RubyGems', sentry: 'Sentry', shopify: 'Shopify',
  sidekiq: 'Sidekiq', slack: 'Slack', stripe: 'Stripe', twilio: 'Twilio', doppler: 'Doppler', dynatrace: 'Dynatrace',
  gcp_api: 'GCP API', azure: 'Azure', ad: 'AD', id: 'ID', url: 'URL', oauth: 'OAuth', jfrog: 'JFrog',
  linkedin: 'LinkedIn', youtube: 'YouTube', mapbox: 'Mapbox', heroku: 'Heroku', databricks: 'Databricks',
  datadog: 'Datadog', grafana: 'Grafana', atlassian: 'Atlassian', okta: 'Okta', age: 'age', vault: 'Vault',
  pkcs12: 'PKCS#12', gocardless: 'GoCardless', hubspot: 'HubSpot', sonar: 'Sonar', sourcegraph: 'Sourcegraph',
  anthropic: 'Anthropic', cloudflare: 'Cloudflare', clojars: 'Clojars', confluent: 'Confluent',
  discord: 'Discord', dropbox: 'Dropbox', facebook: 'Facebook', fastly: 'Fastly', flickr: 'Flickr',
  gitter: 'Gitter', intercom: 'Intercom', kubernetes: 'Kubernetes', linear: 'Linear', lob: 'Lob',
  netlify: 'Netlify', nuget: 'NuGet', postman: 'Postman', prefect: 'Prefect', readme: 'ReadMe',
  scalingo: 'Scalingo', snyk: 'Snyk', squarespace: 'Squarespace', telegram: 'Telegram', twitch: 'Twitch',
  twitter: 'Twitter', typeform: 'Typeform', vercel: 'Vercel', yandex: 'Yandex', zendesk: 'Zendesk',
};

export function labelOf(kind: string): string {
  const known = LABELS[kind];
  if (known) return known;
  return kind
    .split('-')
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}

const PERSONAL = new Set(['email', 'phone']);

/** Personal data is a warning by default; everything else stops a share until someone decides. */
export function isPersonal(kind: string): boolean {
  return PERSONAL.has(kind);
}
