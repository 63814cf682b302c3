import { SmsFacts } from '../applications/application.repository';
import { QueuedSms } from './applicant-sms.repository';
import { concludedText, SmsEvent, supplementText } from './applicant-sms.rules';

/** A transition a callback applied that the applicant is told of by SMS. */
export type SmsTrigger =
  | { event: SmsEvent.SUPPLEMENT; applyNo: string; version: number; materialCodes: string[]; correlationId: string }
  | { event: SmsEvent.CONCLUDED; applyNo: string; version: number; result: 'APPROVED' | 'REJECTED'; correlationId: string };

/** The SMS to queue for these triggers, rendered from the templates (pure; an application without facts gets none). */
export function smsForTriggers(triggers: SmsTrigger[], facts: Map<string, SmsFacts>): QueuedSms[] {
  return triggers.flatMap((t) => {
    const f = facts.get(t.applyNo);
    if (!f) return [];
    const content =
      t.event === SmsEvent.SUPPLEMENT
        ? supplementText({
            applyNo: t.applyNo,
            itemName: f.itemName,
            materials: [...new Set(t.materialCodes)].map((code) => f.materials.find((m) => m.code === code)?.name ?? code),
          })
        : concludedText({ applyNo: t.applyNo, itemName: f.itemName, result: t.result, deliveryMethod: f.deliveryMethod, handlingLocation: f.handlingLocation });
    return [{ applyNo: t.applyNo, version: t.version, event: t.event, phone: f.phone, content, correlationId: t.correlationId }];
  });
}
