import { Module } from '@nestjs/common';
import { ApplicationScope } from '../applications/application-scope';
import { CatalogModule } from '../catalog/catalog.module';
import { DocumentsController } from './documents.controller';

/** 收件 and the files behind the clerk's preview and print buttons. */
@Module({ imports: [CatalogModule], controllers: [DocumentsController], providers: [ApplicationScope] })
export class DocumentsModule {}
