import { Role, Roles, SimulatorOnly } from '@app/accounts';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DownlinkService } from './downlink.service';
import { ListDownlinkQuery, WriteDownlinkDto } from './dto/downlink.dto';
import { DownlinkRecordDto, DownlinkWrittenDto } from './dto/downlink.responses';

/** The simulated upstream (national) node dropping data into a district's ops front DB. */
@ApiTags('上级节点下发 downlink (simulated national node)')
@SimulatorOnly()
@Roles(Role.CITY_MONITOR, Role.SYS_ADMIN)
@ApiBearerAuth()
@Controller('city/api/downlink')
export class DownlinkController {
  constructor(private readonly downlink: DownlinkService) {}

  @Post()
  @ApiCreatedResponse({ type: DownlinkWrittenDto })
  @ApiOperation({ summary: '以上级节点身份向区运维前置库写入加密数据（SM2 加密、签名）' })
  write(@Body() dto: WriteDownlinkDto) {
    return this.downlink.write(dto);
  }

  @Get()
  @ApiOkResponse({ type: [DownlinkRecordDto] })
  @ApiOperation({ summary: '已写入某节点前置库的下发数据及其影子表事件（TAKEN/DELIVERED/REJECTED）' })
  list(@Query() query: ListDownlinkQuery) {
    return this.downlink.list(query.nodeCode, query.limit);
  }
}
