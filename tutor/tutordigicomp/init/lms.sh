# digicomp-xblock (Tutor plugin "digicomp"): enable XBlock asides in the LMS, where the digicomp_tags aside shows
# learners the competences a unit develops. A ConfigurationModel saves a new row: here the current one, enabled,
# changed by no user.
./manage.py lms shell -c "
from lms.djangoapps.lms_xblock.models import XBlockAsidesConfig

config = XBlockAsidesConfig.current()
if config.enabled:
    print('XBlock asides are already enabled in the LMS')
else:
    config.enabled = True
    config.changed_by = None
    config.save()
    print('XBlock asides enabled in the LMS')
"
