"""The pure core: the framework model, its loader, validation and exports, scales, scopes, answers, scores, a
learner's history, cohort figures, coverage. No XBlock, Django or web import (`.importlinter` checks it)."""
