"""The API's error for a query parameter it cannot use (a cursor not ours, a trip that is
not public): a 422 with the same shape as the framework's own validation errors, so a
client reads every bad parameter alike:
``{"detail": [{"loc": ["query", name], "msg": ..., "type": ...}]}``."""


class BadParameter(Exception):
    def __init__(self, name: str, message: str, kind: str = "value_error"):
        super().__init__(message)
        self.name, self.message, self.kind = name, message, kind

    def detail(self) -> dict:
        return {"loc": ["query", self.name], "msg": self.message, "type": self.kind}


def form_errors(form) -> list[dict]:
    """A filter form's errors as `BadParameter` details (one per field and message)."""
    return [
        {"loc": ["query", name], "msg": str(message), "type": "value_error"}
        for name, messages in form.errors.items()
        for message in messages
    ]
