from smassist.cli import main

raise SystemExit(main())
