import { IsOptional, Matches } from 'class-validator';
import { SIM_CONTROL_TOKEN_PATTERN } from '../sim/sim-control.guard';

/** The control-route setting of a simulated peer (mail, SMSC, voice), declared once; their config classes extend it. */
export class SimControlConfig {
  /** bearer token of the /sim/* inspection and fault routes; unset = those routes are closed */
  @IsOptional() @Matches(SIM_CONTROL_TOKEN_PATTERN, { message: 'SIM_CONTROL_TOKEN must be 16-128 characters of A-Z a-z 0-9 _ -' }) SIM_CONTROL_TOKEN?: string;
}
