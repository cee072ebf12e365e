"""A Feedback that records what an engine function reports, and can ask it to stop."""

from smrfr_engine.feedback import Feedback


class Recorder(Feedback):
    """Records progress percents and (level, message) pairs; asks to stop once ``checks`` cancellation
    checks have answered no (None: never)."""

    def __init__(self, checks=None):
        self.percents, self.messages, self.checks_left = [], [], checks

    def on_progress(self, percent):
        self.percents.append(percent)

    def on_message(self, message, level="info"):
        self.messages.append((level, message))

    def is_cancelled(self):
        if self.checks_left is None:
            return False
        self.checks_left -= 1
        return self.checks_left < 0

    @property
    def warnings(self):
        return [message for level, message in self.messages if level == "warning"]

    @property
    def infos(self):
        return [message for level, message in self.messages if level == "info"]
