import { t } from '@/lib/i18n';
import type { Finding } from '@/lib/redact';

/**
 * A finding's name in the UI language. lib/redact's English `label` stays what "[redacted: …]"
 * writes into a lesson, so a team's shared lessons read the same whatever language each browser
 * speaks; only the names shown around it are translated. Kinds named after a product from
 * gitleaks' rule ids ("Stripe access token") keep their English name.
 */
const NAMES: Record<string, () => string> = {
  'aws-access-key': () => t('findings.kind.awsAccessKey'),
  'github-token': () => t('findings.kind.githubToken'),
  'private-key': () => t('findings.kind.privateKey'),
  jwt: () => t('findings.kind.jwt'),
  'jwt-base64': () => t('findings.kind.jwt'),
  'generic-api-key': () => t('findings.kind.secretValue'),
  'password-in-url': () => t('findings.kind.passwordInUrl'),
  'connection-string': () => t('findings.kind.connectionString'),
  'password-assignment': () => t('findings.kind.password'),
  'bearer-token': () => t('findings.kind.accessToken'),
  'azure-sas-token': () => t('findings.kind.azureSas'),
  'docker-hub-token': () => t('findings.kind.dockerHubToken'),
  'discord-webhook-url': () => t('findings.kind.discordWebhook'),
  email: () => t('findings.kind.email'),
  phone: () => t('findings.kind.phone'),
};

export function findingLabel(finding: Pick<Finding, 'kind' | 'label'>): string {
  return NAMES[finding.kind]?.() || finding.label;
}
