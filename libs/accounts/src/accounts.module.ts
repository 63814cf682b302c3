import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ACCOUNTS_SETTINGS, AccountsSettings } from './accounts.settings';
import { AccessGuard } from './http/access.guard';
import { buildAccountsControllers } from './http/accounts.controllers';
import { AuditInterceptor } from './http/audit.interceptor';
import { AccountAdminService } from './services/account-admin.service';
import { AuditService } from './services/audit.service';
import { LoginService } from './services/login.service';
import { SessionService } from './services/session.service';
import { AccountRepository } from './store/account.repository';
import { AuditRepository } from './store/audit.repository';
import { LoginThrottleRepository } from './store/login-throttle.repository';
import { SessionRepository } from './store/session.repository';

/**
 * Accounts, sessions, the access guard and the audit log of one app, kept in that app's own DB
 * (the app's TypeORM DataSource; tables from SecurityAccounts migration). Importing it protects
 * every route of the app: routes open only with @Public, otherwise by @Roles.
 */
@Module({})
export class AccountsModule {
  static forRoot(settings: AccountsSettings, routePrefix: string): DynamicModule {
    return {
      module: AccountsModule,
      global: true,
      controllers: buildAccountsControllers(routePrefix),
      providers: [
        { provide: ACCOUNTS_SETTINGS, useValue: settings },
        AccountRepository,
        SessionRepository,
        LoginThrottleRepository,
        AuditRepository,
        AuditService,
        SessionService,
        LoginService,
        AccountAdminService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditService, SessionService, AccountAdminService, ACCOUNTS_SETTINGS],
    };
  }
}
