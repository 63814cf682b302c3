import { Principal, Role } from '@app/accounts';
import { AppError, maskIdNo, maskPhone, redactPersonalData, ReturnCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { ApplicationReadRepository } from './application-read.repository';

/**
 * Who may act on which application (docs/security.md, "Data scope"):
 * - a 窗口人员 changes (materials, submit, new version) only the applications registered at their own
 *   window; others' they read, with the applicant's ID and phone numbers masked;
 * - the 审批账号 works across the hall;
 * - lists show ID and phone numbers masked for everyone: search takes the full number.
 * Masked: the applicant's ID and phone numbers, the phone of the express delivery address, and the
 * personal fields of the application forms (by the rule set of @app/common privacy/personal-fields).
 */
@Injectable()
export class ApplicationScope {
  constructor(private readonly uow: UnitOfWork) {}

  /** The window an application belongs to: that of the account that registered it. */
  private windowOf(applyNo: string): Promise<string | null | undefined> {
    return this.uow.autocommit.get(ApplicationReadRepository).windowOf(applyNo);
  }

  async mayChange(applyNo: string, p: Principal): Promise<boolean> {
    if (p.role === Role.APPROVER) return true;
    const w = await this.windowOf(applyNo);
    // unknown applications fall through to the use-case, which answers 2001
    return w === undefined || (w !== null && w === p.windowNo);
  }

  async assertMayChange(applyNo: string, p: Principal): Promise<void> {
    if (!(await this.mayChange(applyNo, p))) throw new AppError(ReturnCode.DATA_SCOPE_FORBIDDEN, `申报件 ${applyNo} 不属于 ${p.windowNo ?? '-'} 号窗口`);
  }

  maskApplicant<
    T extends {
      applicantIdNo: string;
      applicantPhone: string;
      deliveryAddress?: { phone: string } | null;
      versions?: { formData: Record<string, unknown> }[];
    },
  >(a: T): T {
    return {
      ...a,
      applicantIdNo: maskIdNo(a.applicantIdNo) ?? '',
      applicantPhone: maskPhone(a.applicantPhone) ?? '',
      ...(a.deliveryAddress ? { deliveryAddress: { ...a.deliveryAddress, phone: maskPhone(a.deliveryAddress.phone) ?? '' } } : {}),
      ...(a.versions ? { versions: a.versions.map((v) => ({ ...v, formData: redactPersonalData(v.formData) as Record<string, unknown> })) } : {}),
      masked: true,
    };
  }
}
