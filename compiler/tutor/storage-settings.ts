// The fleet plugin's object-storage settings: when config.yml names the tenant's bucket, Open edX keeps every
// upload there through django-storages' S3 backend (edx-platform ships django-storages and boto3). The settings
// tutor-minio 20 and tutor-contrib-s3 2.3 patch (neither supports Tutor 21), on a private bucket: downloads are
// presigned URLs. The keys are auth.yml's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, placeholders resolved
// from the cluster like every other secret.

/** Settings of the plugin that config.yml sets per tenant (empty bucket: no object storage). */
export const STORAGE_CONFIG = {
  bucket: "FLEET_SECRETS_S3_BUCKET",
  endpointUrl: "FLEET_SECRETS_S3_ENDPOINT_URL",
  region: "FLEET_SECRETS_S3_REGION",
  addressingStyle: "FLEET_SECRETS_S3_ADDRESSING_STYLE",
  irsa: "FLEET_SECRETS_S3_IRSA",
} as const;
/** The same, as the plugin's defaults (Tutor prefixes them with the plugin's name). */
export const STORAGE_DEFAULTS = { S3_BUCKET: "", S3_ENDPOINT_URL: "", S3_REGION: "", S3_ADDRESSING_STYLE: "virtual", S3_IRSA: false } as const;

/** Settings holding the keys, whose placeholders the plugin resolves. */
export const STORAGE_SECRET_SETTINGS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] as const;

const c = STORAGE_CONFIG;
export const STORAGE_SETTINGS = `{% if ${c.bucket} %}
# fleet_secrets: uploads, grade reports, ORA files, course import/export go to the tenant's own bucket
_FLEET_S3 = "storages.backends.s3boto3.S3Boto3Storage"
_FLEET_BUCKET = "{{ ${c.bucket} }}"
AWS_STORAGE_BUCKET_NAME = _FLEET_BUCKET
AWS_S3_ENDPOINT_URL = "{{ ${c.endpointUrl} }}"
AWS_S3_REGION_NAME = "{{ ${c.region} }}"
AWS_S3_SIGNATURE_VERSION = "s3v4"
AWS_S3_ADDRESSING_STYLE = "{{ ${c.addressingStyle} }}"
# the bucket is private: links are presigned, valid a week (grade reports are mailed as links)
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_QUERYSTRING_EXPIRE = 7 * 24 * 60 * 60
AWS_S3_CUSTOM_DOMAIN = None
AWS_S3_FILE_OVERWRITE = False
AWS_AUTO_CREATE_BUCKET = False
{% if ${c.irsa} %}
# IRSA: no key pair; boto3 (django-storages, ORA2) assumes the pod's IAM role from the token EKS mounts
AWS_ACCESS_KEY_ID = None
AWS_SECRET_ACCESS_KEY = None
{% endif %}
from botocore.client import Config as _FleetBotoConfig
AWS_S3_CLIENT_CONFIG = _FleetBotoConfig(
    signature_version="s3v4",
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
    s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
)
# Django >= 4.2 reads STORAGES (and refuses DEFAULT_FILE_STORAGE beside it); older settings the old name
if isinstance(globals().get("STORAGES"), dict):
    STORAGES["default"] = {"BACKEND": _FLEET_S3}
else:
    DEFAULT_FILE_STORAGE = _FLEET_S3
for _fleet_media in ("VIDEO_IMAGE_SETTINGS", "VIDEO_TRANSCRIPTS_SETTINGS"):
    if isinstance(globals().get(_fleet_media), dict):
        globals()[_fleet_media].setdefault("STORAGE_KWARGS", {})["location"] = str(globals()[_fleet_media].get("STORAGE_KWARGS", {}).get("location", "")).lstrip("/")
GRADES_DOWNLOAD = {"STORAGE_TYPE": "s3", "STORAGE_CLASS": _FLEET_S3, "STORAGE_KWARGS": {"bucket_name": _FLEET_BUCKET, "location": "grades"}}
if isinstance(globals().get("FINANCIAL_REPORTS"), dict):
    FINANCIAL_REPORTS.update({"STORAGE_TYPE": "s3", "BUCKET": _FLEET_BUCKET, "ROOT_PATH": "financial-reports"})
ORA2_FILEUPLOAD_BACKEND = "s3"
FILE_UPLOAD_STORAGE_BUCKET_NAME = _FLEET_BUCKET
COURSE_IMPORT_EXPORT_STORAGE = _FLEET_S3
COURSE_METADATA_EXPORT_STORAGE = _FLEET_S3
USER_TASKS_ARTIFACT_STORAGE = _FLEET_S3
if isinstance(globals().get("PROFILE_IMAGE_BACKEND"), dict):
    _fleet_profile_location = str(PROFILE_IMAGE_BACKEND.get("options", {}).get("location", "profile-images")).strip("/").split("/")[-1]
    PROFILE_IMAGE_BACKEND = {"class": _FLEET_S3, "options": {"bucket_name": _FLEET_BUCKET, "location": _fleet_profile_location}}
if isinstance(globals().get("OPENEDX_LEARNING"), dict) and isinstance(OPENEDX_LEARNING.get("MEDIA"), dict):
    OPENEDX_LEARNING["MEDIA"] = {"BACKEND": _FLEET_S3, "OPTIONS": {"bucket_name": _FLEET_BUCKET, "location": "openedx-learning"}}
{% endif %}`;
