import { AppError, ReturnCode } from '@app/common';
import { SupplementRequest } from './application-version.entity';

/*
 * 补正补齐 answered with the flagged materials replaced. Pure: no I/O.
 *
 * A department's SUPPLEMENT callback names the materials it could not accept
 * (`detail.materials: [{ code, reason }]`, kept as the version's supplementRequest). The next
 * version may go out only when every one of them that is a material of the item was uploaded
 * again in it; only the materials the department did not flag are carried over unchanged.
 */

export interface FlaggedMaterial {
  code: string;
  /** name from the catalogue; null when the department named a code the item does not have */
  name: string | null;
  /** the department's reasons for this code, in its order (a code may be named more than once) */
  reasons: string[];
}

/** The department's list, one entry per code (first mention first), named from the catalogue. */
export function flaggedMaterials(request: SupplementRequest | null | undefined, catalogue: { code: string; name: string }[]): FlaggedMaterial[] {
  const byCode = new Map<string, FlaggedMaterial>();
  const names = new Map(catalogue.map((m) => [m.code, m.name]));
  for (const m of request?.materials ?? []) {
    const seen = byCode.get(m.code);
    if (seen) {
      if (!seen.reasons.includes(m.reason)) seen.reasons.push(m.reason);
    } else byCode.set(m.code, { code: m.code, name: names.get(m.code) ?? null, reasons: [m.reason] });
  }
  return [...byCode.values()];
}

/** One readable reason per material: the first, and how many more the department gave. */
export function reasonText(f: FlaggedMaterial): string {
  return f.reasons.length > 1 ? `${f.reasons[0]}（另有 ${f.reasons.length - 1} 条意见）` : (f.reasons[0] ?? '');
}

/**
 * The flagged materials of the item not uploaded again in the new version. A code the item does
 * not have cannot be uploaded (the upload refuses it), so it does not block the submission.
 */
export function unreplacedMaterials(flagged: FlaggedMaterial[], uploadedInNewVersion: ReadonlySet<string>): FlaggedMaterial[] {
  return flagged.filter((f) => f.name !== null && !uploadedInNewVersion.has(f.code));
}

/** The codes the carry-over must leave behind: every material the department flagged. */
export function notToCarryOver(flagged: FlaggedMaterial[]): string[] {
  return flagged.map((f) => f.code);
}

/** The refusal of a resubmission that still holds a flagged material (2005, naming each material and why). */
export function assertFlaggedReplaced(flagged: FlaggedMaterial[], uploadedInNewVersion: ReadonlySet<string>, previousVersion: number): void {
  const open = unreplacedMaterials(flagged, uploadedInNewVersion);
  if (open.length === 0) return;
  throw new AppError(
    ReturnCode.MATERIALS_INCOMPLETE,
    `部门要求补正的材料尚未重新上传：${open.map((f) => `${f.name}（${reasonText(f)}）`).join('；')}。请上传补正后的材料再提交`,
    {
      missing: open.map((f) => f.code),
      flagged: open.map((f) => ({ code: f.code, name: f.name, reason: reasonText(f) })),
      supplementOfVersion: previousVersion,
    },
  );
}

/** The clerk's view of the latest 补正补齐 request (the `supplement` block of the application detail). */
export interface SupplementView {
  /** the version the department asked about */
  version: number;
  /** the version that answers it (the draft in progress, or the one submitted); null until it is opened */
  answerVersion: number | null;
  /** true once the answering version was submitted */
  answered: boolean;
  opinion: string;
  handledBy: string;
  handledAt: string;
  materials: { code: string; name: string | null; reason: string; reasons: string[]; replaced: boolean }[];
}

/**
 * The latest version the department asked 补正补齐 for, its materials named from the catalogue, and
 * for each whether the next version already holds a newly uploaded file of it (a carried-over file
 * never counts). Null when the department never asked.
 */
export function supplementView(
  versions: { version: number; submittedAt: Date | null; supplementRequest: SupplementRequest | null }[],
  materials: { version: number; materialCode: string; carriedFromVersion: number | null }[],
  catalogue: { code: string; name: string }[],
): SupplementView | null {
  const asked = [...versions].filter((v) => v.supplementRequest).sort((a, b) => b.version - a.version)[0];
  if (!asked?.supplementRequest) return null;
  const next = versions.find((v) => v.version === asked.version + 1);
  const uploaded = new Set(materials.filter((m) => next && m.version === next.version && m.carriedFromVersion === null).map((m) => m.materialCode));
  const req = asked.supplementRequest;
  return {
    version: asked.version,
    answerVersion: next?.version ?? null,
    answered: Boolean(next?.submittedAt),
    opinion: req.opinion,
    handledBy: req.handledBy,
    handledAt: req.handledAt,
    materials: flaggedMaterials(req, catalogue).map((f) => ({
      code: f.code,
      name: f.name,
      reason: reasonText(f),
      reasons: f.reasons,
      replaced: uploaded.has(f.code),
    })),
  };
}
