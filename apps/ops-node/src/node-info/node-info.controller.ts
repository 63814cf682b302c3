import { Role, Roles } from '@app/accounts';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NodeInfoDto } from './node-info.responses';
import { NodeInfoService } from './node-info.service';
import { UpdateNodeInfoDto } from './update-node-info.dto';

@ApiTags('接入节点信息 node info')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/node-info')
export class NodeInfoController {
  constructor(private readonly nodeInfo: NodeInfoService) {}

  @Get()
  @ApiOperation({ summary: '查看接入节点信息' })
  @ApiOkResponse({ type: NodeInfoDto })
  get(): Promise<NodeInfoDto> {
    return this.nodeInfo.get();
  }

  @Put()
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '修改接入节点信息（节点代码不可改）' })
  @ApiOkResponse({ type: NodeInfoDto })
  update(@Body() dto: UpdateNodeInfoDto): Promise<NodeInfoDto> {
    return this.nodeInfo.update(dto);
  }
}
