import { SubmitPdu } from '../protocol/pdu.types';
import { segmentText } from '../text/segmenter';
import { SubmitOutcome, SubmitRequest } from './client.types';
import { Settings } from './client-settings';

/** One submit() call: its segments and the promise its caller waits on. */
export interface MessageJob {
  key: string;
  to: string[];
  fingerprint: string;
  segments: SegmentJob[];
  msgIds: (string | null)[];
  done: boolean;
  promise: Promise<SubmitOutcome>;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: Error) => void;
}

/** One SUBMIT PDU of a message, as it travels through the queue and the send window. */
export interface SegmentJob {
  message: MessageJob;
  index: number;
  pdu: Omit<SubmitPdu, 'seq'>;
  /** transmissions on the current connection */
  attempts: number;
  flowRetries: number;
}

/** A SUBMIT in the window, waiting for its SUBMIT_RESP. */
export interface InFlight {
  job: SegmentJob;
  timer: NodeJS.Timeout;
}

/** Segments the text (udhRef ties the parts of a long message together) and prepares one SUBMIT per segment. */
export function buildSubmitJob(req: SubmitRequest, to: string[], fingerprint: string, udhRef: number, o: Settings): MessageJob {
  const seg = segmentText(req.text, udhRef, o.maxSegments);
  let resolve!: (o: SubmitOutcome) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<SubmitOutcome>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const job: MessageJob = { key: req.key, to, fingerprint, segments: [], msgIds: seg.segments.map(() => null), done: false, promise, resolve, reject };
  job.segments = seg.segments.map((s, index) => ({
    message: job,
    index,
    attempts: 0,
    flowRetries: 0,
    pdu: {
      command: 'SUBMIT',
      msgId: 0n,
      pkTotal: s.pkTotal,
      pkNumber: s.pkNumber,
      registeredDelivery: req.requestReport ? 1 : 0,
      msgLevel: 0,
      serviceId: o.serviceId,
      feeUserType: 2, // the SP pays: alerts are free to the recipient
      feeTerminalId: '',
      tpPid: 0,
      tpUdhi: s.tpUdhi,
      msgFmt: seg.msgFmt,
      msgSrc: o.spId,
      feeType: '01', // free
      feeCode: '000000',
      validTime: '',
      atTime: '',
      srcId: o.srcId,
      destTerminalIds: to,
      msgContent: s.content,
    },
  }));
  return job;
}
