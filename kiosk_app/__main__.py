from kiosk_app.launcher import main

main()
