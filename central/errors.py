"""Clear answers to bad input: malformed JSON is 400 and says where; invalid fields are 422 and
say which. No request body is echoed back in an error (it may hold personal data), and an
unexpected failure is a 500 with no details, logged without the request body."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

log = logging.getLogger("central")


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errs = list(exc.errors())
    for err in errs:
        if err.get("type") == "json_invalid":
            why = (err.get("ctx") or {}).get("error", "syntax error")
            pos = err["loc"][-1] if len(err["loc"]) > 1 else "?"
            return JSONResponse(
                {"detail": f"request body is not valid JSON: {why} (at character {pos})"}, 400
            )
    not_an_object = ("model_attributes_type", "dict_type", "model_type", "missing")
    whole_body = [e for e in errs if tuple(e["loc"]) == ("body",) and e["type"] in not_an_object]
    if whole_body:
        ctype = request.headers.get("content-type", "")
        if whole_body[0]["type"] == "missing":
            return JSONResponse(
                {"detail": "request body is missing: a JSON object is expected"}, 422
            )
        if "json" not in ctype:
            return JSONResponse(
                {"detail": "send the body as JSON with 'Content-Type: application/json'"}, 415
            )
        return JSONResponse({"detail": "request body must be a JSON object"}, 422)
    problems = [
        {
            "loc": [p if isinstance(p, int) else str(p) for p in e["loc"]],
            "msg": e["msg"],
            "type": e["type"],
        }
        for e in errs
    ]
    detail = "; ".join(".".join(str(p) for p in e["loc"]) + f": {e['msg']}" for e in problems)
    return JSONResponse({"detail": detail or "invalid request", "errors": problems}, 422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return JSONResponse({"detail": "internal error"}, 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
