// The monitoring feature's public surface (samplers, application probes, performance): other features import from here only.
export { MonitoringModule } from './monitoring.module';
export { SamplerService } from './sampler.service';
export { SampleRepository } from './sample.repository';
