import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelation, sanitizeCorrelationId } from '../logging/correlation';

/** Plain express middleware (also used in front of the SOAP mounts). */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = sanitizeCorrelationId(req.header('x-correlation-id'));
  res.setHeader('X-Correlation-Id', id);
  runWithCorrelation(id, next);
}
