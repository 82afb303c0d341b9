#!/bin/sh
# Installs the kiosk's udev rules (scanner hidraw access, thermometer serial access, ModemManager exclusion).
set -e
rules_dir="/opt/Gate Kiosk/resources/udev"
if [ -d "$rules_dir" ]; then
  cp "$rules_dir"/*.rules /etc/udev/rules.d/ 2>/dev/null || true
  udevadm control --reload-rules 2>/dev/null || true
  udevadm trigger 2>/dev/null || true
fi
