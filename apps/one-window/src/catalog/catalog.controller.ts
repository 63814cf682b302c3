import { PlainText } from '@app/common';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { Role, Roles } from '@app/accounts';
import { CategoryDto, ItemDto } from './catalog.responses';
import { CatalogService } from './catalog.service';
import { CATEGORY_LABEL, ItemCategory } from './item.entity';

export class ListItemsQuery {
  @ApiPropertyOptional({ enum: ItemCategory }) @IsOptional() @IsEnum(ItemCategory) category?: ItemCategory;
  @ApiPropertyOptional({ example: 'AMR' }) @IsOptional() @PlainText() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) deptCode?: string;
}

@ApiTags('事项 catalog')
@ApiBearerAuth()
@Roles(Role.OPERATOR, Role.APPROVER)
@Controller('api/v1')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('item-categories')
  @ApiOperation({ summary: '业务分类' })
  @ApiOkResponse({ type: CategoryDto, isArray: true })
  categories(): CategoryDto[] {
    return Object.values(ItemCategory).map((code) => ({ code, label: CATEGORY_LABEL[code] }));
  }

  @Get('items')
  @ApiOperation({ summary: '按业务分类浏览事项' })
  @ApiOkResponse({ type: ItemDto, isArray: true })
  list(@Query() q: ListItemsQuery): Promise<ItemDto[]> {
    return this.catalog.list(q.category, q.deptCode);
  }

  @Get('items/:code')
  @ApiOperation({ summary: '事项详情（含办理材料清单）' })
  @ApiOkResponse({ type: ItemDto })
  get(@Param('code') code: string): Promise<ItemDto> {
    return this.catalog.get(code);
  }
}
