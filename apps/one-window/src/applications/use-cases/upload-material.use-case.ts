import { AppError, forbiddenCharIn, ReturnCode } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Principal } from '@app/accounts';
import { CatalogService } from '../../catalog/catalog.service';
import { OneWindowConfig } from '../../config/one-window.config';
import { UnitOfWork } from '../../database/unit-of-work';
import { ApplicationMaterialEntity } from '../application-material.entity';
import { assertUploadAllowed } from '../application-state-machine';
import { checkMaterialFile, DEFAULT_MATERIAL_FILE_TYPES, materialFileName } from '../material-file-type';
import { ApplicationRepository } from '../application.repository';
import { ApplicationMaterialRepository } from '../application-material.repository';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

export const sm3Hex = (buf: Buffer): string => createHash('sm3').update(buf).digest('hex');

/**
 * 材料电子化: stores one digitised material of the draft version with its SM3 digest, if its
 * content is of a type the material accepts (PDF, OFD, JPG, PNG unless the catalog says otherwise).
 */
@Injectable()
export class UploadMaterialUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  async execute(applyNo: string, materialCode: string, file: UploadedFile | undefined, clerk: Principal) {
    if (!file || file.buffer.length === 0) throw new AppError(ReturnCode.MISSING_PARAMETER, 'file');
    const badChar = forbiddenCharIn(file.originalname);
    if (badChar) throw new AppError(ReturnCode.BAD_PARAMETER, `文件名不能包含控制字符或文字方向控制字符（${badChar}）`, { field: 'file' });
    if (file.buffer.length > this.config.MAX_MATERIAL_BYTES)
      throw new AppError(ReturnCode.MESSAGE_TOO_LARGE, `材料不得超过 ${this.config.MAX_MATERIAL_BYTES} 字节`);
    return this.uow.run(async (tx) => {
      const app = await tx.get(ApplicationRepository).lock(applyNo);
      if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
      assertUploadAllowed(app.state);
      const item = await this.catalog.get(app.itemCode);
      const spec = item.materials.find((m) => m.code === materialCode);
      if (!spec) throw new AppError(ReturnCode.BAD_PARAMETER, `事项 ${item.code} 无材料 ${materialCode}`, { field: 'materialCode' });
      const kind = checkMaterialFile(file.buffer, spec.fileTypes ?? DEFAULT_MATERIAL_FILE_TYPES);
      if (!kind.ok) throw new AppError(ReturnCode.FILE_TYPE_NOT_ALLOWED, `${spec.name}：${kind.reason}`, { field: 'file', declaredType: file.mimetype });
      const row: ApplicationMaterialEntity = {
        applyNo,
        version: app.currentVersion,
        materialCode,
        materialName: spec.name,
        fileName: materialFileName(file.originalname, materialCode, kind.type),
        // what the content is, not what the sender declared
        mimeType: kind.mimeType,
        sizeBytes: file.buffer.length,
        sm3: sm3Hex(file.buffer),
        content: file.buffer,
        carriedFromVersion: null,
        uploadedBy: clerk.username,
        uploadedAt: new Date(),
      };
      await tx.get(ApplicationMaterialRepository).upsert(row);
      const { content: _content, ...meta } = row;
      return meta;
    });
  }
}
