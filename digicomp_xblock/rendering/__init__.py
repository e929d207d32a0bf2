"""View-models and rendering shared by the blocks and the dashboard pages: one template engine, the framework
as template data, the SVG charts, the learner's profile and the suggestions."""
