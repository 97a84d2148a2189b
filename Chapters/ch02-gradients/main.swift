print("ch02-gradients: coming soon")
