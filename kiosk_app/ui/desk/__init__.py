"""The five-ones desk's screens (capability "desk"): clerk sign-in, case intake with the scan
gun and the document camera, receipt and rating. Registered from kiosk_app/ui/flows/tiles.py;
its texts are the i18n area "desk" (desk_zh_CN.ts)."""
