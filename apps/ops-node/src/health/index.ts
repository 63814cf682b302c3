// The health feature's public surface.
export { HealthModule } from './health.module';
