"""Course dashboard data: submitted self-assessment moments per learner (anonymised), for cohort views."""
