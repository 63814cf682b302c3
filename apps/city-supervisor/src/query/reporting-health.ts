import { CATEGORY_LABELS, REPORT_CATEGORIES, ReportCategory } from '@app/ops-contract';

export interface LastReport {
  nodeCode: string;
  category: string;
  messageId: string;
  receivedAt: Date;
  reportsLast24h: number;
}

export interface LastRefusal {
  nodeCode: string;
  /** null when the refused request did not name a valid category */
  category: string | null;
  code: string;
  at: Date;
}

export interface CategoryHealth {
  category: ReportCategory;
  label: string;
  lastReportAt: Date | null;
  lastMessageId: string | null;
  reportsLast24h: number;
  lastRefusalCode: string | null;
  lastRefusalAt: Date | null;
  /** no report of this category within the stale window */
  stale: boolean;
  /** the latest event of this category is a refusal */
  failing: boolean;
}

export interface NodeHealth {
  nodeCode: string;
  name: string;
  lastReportAt: Date | null;
  lastRefusalCode: string | null;
  lastRefusalAt: Date | null;
  /** no report of any category within the stale window */
  stale: boolean;
  categories: CategoryHealth[];
}

const later = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : a >= b ? a : b);

/** 上报健康度: per registered node and category, when it last reported, how often, and whether it is failing or silent. */
export function computeReportingHealth(
  nodes: readonly { nodeCode: string; name: string }[],
  reports: readonly LastReport[],
  refusals: readonly LastRefusal[],
  now: Date,
  staleAfterMs: number,
): NodeHealth[] {
  const cutoff = now.getTime() - staleAfterMs;
  const isStale = (at: Date | null) => at === null || at.getTime() < cutoff;
  return nodes.map((node) => {
    const nodeRefusals = refusals.filter((r) => r.nodeCode === node.nodeCode);
    const categories = REPORT_CATEGORIES.map((category): CategoryHealth => {
      const rep = reports.find((r) => r.nodeCode === node.nodeCode && r.category === category);
      const ref = nodeRefusals.filter((r) => r.category === category).reduce<LastRefusal | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
      const lastReportAt = rep?.receivedAt ?? null;
      return {
        category,
        label: CATEGORY_LABELS[category],
        lastReportAt,
        lastMessageId: rep?.messageId ?? null,
        reportsLast24h: rep?.reportsLast24h ?? 0,
        lastRefusalCode: ref?.code ?? null,
        lastRefusalAt: ref?.at ?? null,
        stale: isStale(lastReportAt),
        failing: ref !== undefined && (lastReportAt === null || ref.at > lastReportAt),
      };
    });
    const lastRefusal = nodeRefusals.reduce<LastRefusal | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
    const lastReportAt = categories.reduce<Date | null>((a, c) => later(a, c.lastReportAt), null);
    return {
      nodeCode: node.nodeCode,
      name: node.name,
      lastReportAt,
      lastRefusalCode: lastRefusal?.code ?? null,
      lastRefusalAt: lastRefusal?.at ?? null,
      stale: isStale(lastReportAt),
      categories,
    };
  });
}
