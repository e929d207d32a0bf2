# digicomp-xblock (Tutor plugin "digicomp"): enable XBlock asides in Studio, where the digicomp_tags aside gives
# course staff the competence picker. A ConfigurationModel saves a new row: here the current one, enabled, changed
# by no user.
./manage.py cms shell -c "
from cms.djangoapps.xblock_config.models import StudioConfig

config = StudioConfig.current()
if config.enabled:
    print('XBlock asides are already enabled in Studio')
else:
    config.enabled = True
    config.changed_by = None
    config.save()
    print('XBlock asides enabled in Studio')
"

# Import the framework as a content-tagging taxonomy, or update it; a second run changes nothing.
./manage.py cms digicomp_taxonomy
