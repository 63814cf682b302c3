import { Label, PlainText } from '@app/common';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AuthService } from './auth.service';

export class LoginDto {
  @ApiProperty({ example: 'window01' }) @Label('用户名') @PlainText() @IsString() @Length(3, 64) username: string;
  @ApiProperty({ example: 'Chuangkou#2026' }) @Label('密码') @PlainText() @IsString() @Length(1, 128) password: string;
}

@ApiTags('登录 auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '窗口人员登录，返回 Bearer 令牌' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }
}
