import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ClerkEntity } from './clerk.entity';
import { ClerkGuard } from './clerk.guard';

@Module({
  imports: [TypeOrmModule.forFeature([ClerkEntity])],
  controllers: [AuthController],
  providers: [AuthService, ClerkGuard],
  exports: [AuthService, ClerkGuard],
})
export class AuthModule {}
