import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, maskPhone } from '@app/common';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pii } from '../database/pii';
import { UnitOfWork } from '../database/unit-of-work';
import { ApplicationScope } from '../applications/application-scope';
import { ApplicantLookupDto, LookupApplicantDto } from './applicant-lookup.dto';
import { ApplicationReadRepository } from '../applications/application-read.repository';

/**
 * 申请人查询 for the registration screen: who the holder of an ID number (or credit code) was on
 * their most recent application, found through the blind index (the numbers are encrypted at rest).
 * The phone is masked unless that application is the clerk's window's (application-scope.ts).
 * A POST with the number in the body, never in the URL (URLs end up in proxy logs and browser
 * history); the audit log records the lookup with the number masked.
 */
@ApiTags('申请人 applicants')
@ApiBearerAuth()
@Roles(Role.OPERATOR, Role.APPROVER)
@Controller('api/v1/applicants')
export class ApplicantLookupController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scope: ApplicationScope,
  ) {}

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({ summary: '按证件号码查询申请人（最近一次申报的类型、姓名、电话），用于受理登记时回填' })
  @ApiOkResponse({ type: ApplicantLookupDto })
  async lookup(@Body() q: LookupApplicantDto, @CurrentAccount() clerk: Principal): Promise<ApplicantLookupDto> {
    const last = await this.uow.autocommit.get(ApplicationReadRepository).latestByIdHash(pii().blindIndex(q.idNo));
    if (!last) throw AppError.notFound('没有该证件号码的申报记录');
    const full = await this.scope.mayChange(last.applyNo, clerk);
    return {
      applicantType: last.applicantType,
      applicantName: last.applicantName,
      applicantPhone: full ? last.applicantPhone : (maskPhone(last.applicantPhone) ?? ''),
      masked: !full,
      lastRegisteredAt: last.createdAt,
    };
  }
}
