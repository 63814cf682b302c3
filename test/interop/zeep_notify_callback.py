"""An independent SOAP stack (python3-zeep from Debian) calling the platform's
NotifyCallback through the published WSDL, with a WS-Security UsernameToken digest.
Prints one JSON line with what came back."""
import json
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken


def main() -> None:
    wsdl, port, username, password, dept, apply_no, version, stage = sys.argv[1:9]
    client = Client(wsdl, wsse=UsernameToken(username, password, use_digest=True))
    service = client.bind("CallbackNotificationService", port)
    try:
        res = service.NotifyCallback(deptCode=dept, item=[{"applyNo": apply_no, "version": int(version), "stage": stage}])
    except Fault as fault:
        print(json.dumps({"fault": fault.message, "detail": fault.detail is not None}, ensure_ascii=False))
        return
    print(json.dumps({"code": res.code, "message": res.message, "results": [{"applyNo": r.applyNo, "version": r.version, "stage": r.stage, "code": r.code} for r in res.result]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
