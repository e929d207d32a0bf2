"""The course dashboard app: submitted self-assessment moments per learner (anonymised), the cohort view and its
exports for course staff, a learner's own profile page, the course tab and the instructor-dashboard filters."""
